// The Name and Description pair that opens most of the portal's forms (teams, ACL roles,
// webhooks, scripts, policies), with the ids `<prefix>-name` / `<prefix>-description`.
import { TextField } from './form-field';

export function NameFields({
  idPrefix,
  name,
  description,
  err,
  onChange,
}: {
  idPrefix: string;
  name: string;
  description: string;
  err: (path: string) => string | undefined;
  onChange: (patch: { name?: string; description?: string }) => void;
}) {
  return (
    <div className="form-grid">
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        error={err('name')}
        value={name}
        onChange={(value) => onChange({ name: value })}
      />
      <TextField
        id={`${idPrefix}-description`}
        label="Description"
        error={err('description')}
        value={description}
        onChange={(value) => onChange({ description: value })}
      />
    </div>
  );
}
