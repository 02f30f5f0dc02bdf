// Why a page shows no write controls: the permission the user lacks, in the API's own words, so
// nobody wonders where the buttons went.
import './permission-note.css';

export function PermissionNote({ reason }: { reason: string | undefined }) {
  if (!reason) return null;
  return (
    <p className="notice permission-note" role="note">
      <strong>Read only.</strong> {reason}
    </p>
  );
}
