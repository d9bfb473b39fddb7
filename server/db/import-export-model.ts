// The model importers write and exporters read is the AWS bundle model of the engine (server/engine/aws/bundle/
// model.ts): the one bundle reader produces it, and simulate derives its World from the same model.
import 'server-only';

export * from '../engine/aws/bundle/model';
