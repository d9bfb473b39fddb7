// IAM Identity Center in the engine: its model, the roles it creates in accounts, session durations.
export * from './types';
export * from './reserved-roles';
export { durationSeconds, sessionDurationProblem, SESSION_DURATION_RANGE } from './session-duration';
export { stableHex16 } from './stable-hex';
