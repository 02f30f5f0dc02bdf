// A farm's events as a timeline, newest first: what happened, to which server, and why.
import type { FarmEvent, Server } from '../lib/api-client';
import { TimeAgo } from './time-ago';
import './event-timeline.css';

const tone = (name: string) =>
  /Failed|Violation|Down|Terminate|Expir/.test(name)
    ? 'warn'
    : /Up|Launched|Running|Complete|Resumed/.test(name)
      ? 'ok'
      : 'off';

export function EventTimeline({
  events,
  servers,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  events: FarmEvent[] | undefined;
  servers: Server[] | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const names = new Map(servers?.map((s) => [s.id, `${s.farmRoleAlias} #${s.index}`]));
  return (
    <div className="panel">
      {events === undefined && <div className="timeline-placeholder" aria-hidden="true" />}
      {events?.length === 0 && <p className="empty">Nothing has happened to this farm yet.</p>}
      {events && events.length > 0 && (
        <ol className="timeline" aria-label="Farm events, newest first">
          {events.map((event) => (
            <li key={event.id} className={`timeline-item timeline-${tone(event.name)}`}>
              <span className="timeline-when">
                <TimeAgo iso={event.at} />
              </span>
              <span className="timeline-what">
                <strong>{event.name}</strong>
                {event.serverId && (
                  <span className="muted"> · {names.get(event.serverId) ?? event.serverId}</span>
                )}
                {event.message && <span className="timeline-message">{event.message}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
      {hasMore && (
        <div className="panel-footer">
          <button
            type="button"
            className="button button-secondary"
            onClick={onLoadMore}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load older events'}
          </button>
        </div>
      )}
    </div>
  );
}
