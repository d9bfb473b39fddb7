// Public API of the condition engine: compile a Condition block once, evaluate it per request.
export {
  compileConditionBlock,
  compileConditionClause,
  compileConditionClauses,
  type CompiledClause,
  type CompiledCondition,
  type ConditionCompileOptions,
} from './compile';
export {
  BASE_OPERATORS,
  parseConditionOperator,
  type BaseOperator,
  type Comparison,
  type OperatorFamily,
  type ParsedConditionOperator,
  type SetOperator,
} from './operators';
export { decodeBinaryValue, parseBooleanValue, parseDateValue, parseNumericValue } from './values';
export {
  compileTemplate,
  hasPolicyVariables,
  parseTemplate,
  substituteVariables,
  variablesEnabled,
  POLICY_VARIABLES_VERSION,
  type CompiledTemplate,
  type TemplatePart,
} from '../variables';
