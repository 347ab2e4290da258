/**
 * `PIPELINE_GUARD_CASES=focused` (the mutation runs, jest.mutation.scoped.config.js): the case harnesses disable
 * every other control through the type configuration, so a case executes only its own control's code (Stryker's
 * per-test coverage then maps a control's mutants to that control's cases, not to every case of the resource type).
 */
export const FOCUSED = process.env.PIPELINE_GUARD_CASES === 'focused';

/**
 * The case's type configuration with every control of `ids` except `controlId` added to DisabledControls. A
 * DisabledControls that is no list is the case's own subject (a configuration error) and is left as it is.
 */
export function focusOn(controlId: string, ids: readonly string[], config: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const own = config?.DisabledControls;
  if (own !== undefined && !Array.isArray(own)) return config ?? null;
  const others = ids.filter((id) => id !== controlId);
  return { ...config, DisabledControls: [...new Set([...((own as string[] | undefined) ?? []), ...others])] };
}
