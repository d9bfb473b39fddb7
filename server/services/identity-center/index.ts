import 'server-only';
export * from './instance';
export * from './identity-store';
export * from './permission-sets';
export * from './assignments';
export { identityCenterView } from './view';
