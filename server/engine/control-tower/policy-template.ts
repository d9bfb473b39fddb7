// Control Tower's control artifacts are templates: Control Tower fills them in when it enables a control
// (controlreference/control-parameter-concepts.html: "elements that are included by AWS Control Tower conditionally,
// based on the configuration you select"). The grammar they use is small: {% if Name %}…{% else %}…{% endif %}
// (no nesting) and {{Name}}, which becomes the parameter's list as JSON. One artifact (CT.LAMBDA.PV.2) places
// {{ExemptedPrincipalArns}} inside an array before another element; there the list's items go in, each followed by
// a comma, so the result is still one JSON array.

/** The values a template reads: each parameter's list of strings (absent or empty means "not configured"). */
export type TemplateValues = Readonly<Record<string, readonly string[] | undefined>>;

const CONDITIONAL = /\{%\s*if\s+(\w+)\s*%\}([\s\S]*?)(?:\{%\s*else\s*%\}([\s\S]*?))?\{%\s*endif\s*%\}/g;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}(\s*)/g;

/** The template with its conditionals resolved and its placeholders filled in (text, not yet parsed). */
export function renderPolicyTemplate(template: string, values: TemplateValues): string {
  const present = (name: string) => (values[name]?.length ?? 0) > 0;
  const resolved = template.replace(CONDITIONAL, (_all, name: string, then: string, otherwise: string | undefined) =>
    present(name) ? then : otherwise ?? '');
  return resolved.replace(PLACEHOLDER, (_all, name: string, space: string, offset: number, text: string) => {
    const list = values[name] ?? [];
    const next = text[offset + _all.length];
    // Inside an array, before another element: the items, each with its comma.
    if (next === '"') return list.map((item) => `${JSON.stringify(item)},`).join('') + space;
    return JSON.stringify(list) + space;
  });
}

/** The parameter names a template reads, in order of first use. */
export function templateParameters(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{%\s*if\s+(\w+)\s*%\}|\{\{\s*(\w+)\s*\}\}/g)) names.add(match[1] ?? match[2]);
  return [...names];
}
