import 'server-only';
import { OU_REGION_DENY_ARN, catalogFacets, findControl, queryControls, type CatalogControl } from '../../engine/control-tower/catalog';
import type { CatalogControlDto, ControlCatalogInput, ControlCatalogOutput } from '../../schemas/control-tower';
import { controlCatalogInputSchema } from '../../schemas/control-tower';

// The Control Tower control catalogue as the API serves it: the engine's data, filtered and paged.

/** One catalogue control as the API's DTO. */
export function toCatalogControlDto(control: CatalogControl): CatalogControlDto {
  return {
    arn: control.arn,
    alias: control.alias ?? null,
    name: control.name,
    description: control.description,
    behavior: control.behavior,
    severity: control.severity,
    implementation: { type: control.implementation.type, identifier: control.implementation.identifier ?? null },
    guidance: control.guidance,
    guidanceSource: control.guidanceSource,
    group: control.group ?? null,
    service: control.service,
    frameworks: control.frameworks,
    doc: control.doc ?? null,
    policy: control.policy
      ? { document: JSON.stringify(control.policy.document, null, 2), source: control.policy.source, template: false }
      : control.artifact
        ? { document: control.artifact.template, source: control.artifact.doc, template: true }
        : null,
    textUnavailable: control.behavior === 'PREVENTIVE' && !control.policy && !control.artifact
      && ['SCP', 'RCP', 'DECLARATIVE_POLICY_EC2'].includes(control.implementation.type) && control.arn !== OU_REGION_DENY_ARN,
    appliesAtDeployment: control.behavior === 'PROACTIVE',
    parameters: control.parameters ?? [],
  };
}

/** The controls matching the filters (mandatory first, then by name), one page of them, and the filter values. */
export function listCatalogControls(input: ControlCatalogInput): ControlCatalogOutput {
  const { limit, offset, ...query } = controlCatalogInputSchema.parse(input);
  const matching = queryControls(query);
  return { total: matching.length, controls: matching.slice(offset, offset + limit).map(toCatalogControlDto), facets: catalogFacets() };
}

/** One control by any identifier AWS accepts, or null. */
export function getCatalogControl(identifier: string): CatalogControlDto | null {
  const control = findControl(identifier);
  return control ? toCatalogControlDto(control) : null;
}
