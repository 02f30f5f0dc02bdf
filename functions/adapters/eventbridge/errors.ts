// Errors of the EventBridge publisher. Both say exactly which events did not reach the bus, so
// the caller (the farm event log is already written) can log, alarm or retry them.

export interface UnpublishedEvent {
  eventId: string;
  name: string;
  /** EventBridge's ErrorCode, `NotSent` when a failure earlier in the call stopped it being sent. */
  errorCode: string;
  errorMessage?: string;
}

/** Some events of a publish call were not put on the bus after every attempt. */
export class EventPublishError extends Error {
  readonly lost: number;

  constructor(
    readonly busName: string,
    readonly total: number,
    readonly published: number,
    readonly unpublished: UnpublishedEvent[],
    options?: { cause?: unknown },
  ) {
    const byCode = new Map<string, number>();
    for (const u of unpublished) byCode.set(u.errorCode, (byCode.get(u.errorCode) ?? 0) + 1);
    const codes = [...byCode].map(([code, n]) => `${code} ×${n}`).join(', ');
    super(
      `${unpublished.length} of ${total} events were not published to event bus '${busName}' (${codes})`,
      options,
    );
    this.name = 'EventPublishError';
    this.lost = unpublished.length;
  }
}

/** An event larger than one PutEvents request may carry; nothing of the call was sent. */
export class EventTooLarge extends Error {
  constructor(
    readonly events: { eventId: string; name: string; bytes: number }[],
    readonly maxBytes: number,
  ) {
    super(
      `${events.length} event(s) exceed the PutEvents limit of ${maxBytes} bytes: ` +
        events.map((e) => `${e.name} ${e.eventId} (${e.bytes} bytes)`).join(', '),
    );
    this.name = 'EventTooLarge';
  }
}
