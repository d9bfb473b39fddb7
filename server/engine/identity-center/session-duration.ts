// Permission set session durations: ISO-8601 durations from PT1H to PT12H (CreatePermissionSet's SessionDuration;
// the role IAM Identity Center creates gets it as MaxSessionDuration).

/** Seconds of an ISO-8601 duration of hours, minutes and seconds ("PT1H", "PT2H30M"), or undefined when it is not one. */
export function durationSeconds(duration: string): number | undefined {
  const match = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?(?:(\d{1,5})S)?$/.exec(duration);
  if (!match || duration === 'PT') return undefined;
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

/** The shortest and longest session a permission set may give (ISO-8601 PT1H and PT12H). */
export const SESSION_DURATION_RANGE = { minSeconds: 3600, maxSeconds: 43_200 } as const;

/** Why a session duration is refused, or undefined when it is between PT1H and PT12H. */
export function sessionDurationProblem(duration: string): string | undefined {
  const seconds = durationSeconds(duration);
  if (seconds === undefined) return `SessionDuration "${duration}" is not an ISO-8601 duration such as PT1H or PT2H30M.`;
  if (seconds < SESSION_DURATION_RANGE.minSeconds || seconds > SESSION_DURATION_RANGE.maxSeconds) {
    return `SessionDuration ${duration} is outside the allowed range PT1H to PT12H.`;
  }
  return undefined;
}
