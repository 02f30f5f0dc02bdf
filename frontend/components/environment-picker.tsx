// The environment switcher every environment-scoped page shows in its heading.
import type { EnvironmentChoice } from '../lib/use-environment';

export function EnvironmentPicker({ env }: { env: EnvironmentChoice }) {
  return (
    <div className="field field-inline">
      <label htmlFor="environment">Environment</label>
      <select
        id="environment"
        value={env.current?.id ?? ''}
        onChange={(event) => env.select(event.target.value)}
        disabled={!env.environments || env.environments.length < 2}
      >
        {!env.environments && <option value="">Loading…</option>}
        {env.environments?.length === 0 && <option value="">No environments</option>}
        {env.environments?.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </div>
  );
}
