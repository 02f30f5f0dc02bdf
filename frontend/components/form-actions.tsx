// The foot of an inline form (credentials, webhook endpoint, webhook): its submit, which says
// "Saving…" and stays disabled while the request runs, and Cancel, which closes the form.
export function FormActions({
  saving,
  saveLabel,
  onCancel,
}: {
  saving: boolean;
  saveLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : saveLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
