// `${NAME}` references in a farm role's tag values, replaced at launch by resolved Global Variables.
// Hidden values are refused, not masked: a tag is readable by anyone who may list the instances (and
// is copied into billing reports), so a secret must never reach one. A reference to a variable with
// no value is refused too, rather than launching with an empty or literal `${NAME}` tag.
// `$${` writes a literal `${`.
import type { VariableResolution } from './resolve';

export interface SubstitutionProblem {
  name: string;
  message: string;
}

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces the references of one template; `where` names it in problems ("tag Owner"). */
export function substituteVariables(
  template: string,
  resolution: VariableResolution,
  where: string,
): { value: string; problems: SubstitutionProblem[] } {
  const byName = new Map(resolution.variables.map((v) => [v.name, v]));
  const problems: SubstitutionProblem[] = [];
  const value = template.replace(REFERENCE, (whole, escaped: string, name: string) => {
    if (escaped) return whole.slice(1);
    const v = byName.get(name);
    if (v?.hidden) {
      problems.push({
        name,
        message: `${where} references the hidden variable ${name}: hidden values are never put in tags or labels, which anyone who can list instances reads`,
      });
      return whole;
    }
    if (!v || v.value === null) {
      problems.push({ name, message: `${where} references ${name}, which has no value` });
      return whole;
    }
    return v.value;
  });
  return { value, problems };
}

/** Every value of `tags` substituted; the problems of all of them. */
export function substituteTags(
  tags: Readonly<Record<string, string>>,
  resolution: VariableResolution,
): { tags: Record<string, string>; problems: SubstitutionProblem[] } {
  const problems: SubstitutionProblem[] = [];
  const out = Object.fromEntries(
    Object.entries(tags).map(([key, template]) => {
      const r = substituteVariables(template, resolution, `tag ${key}`);
      problems.push(...r.problems);
      return [key, r.value];
    }),
  );
  return { tags: out, problems };
}
