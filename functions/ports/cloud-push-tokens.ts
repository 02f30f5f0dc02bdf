// CloudPushTokens: who may push cloud events to the API. A cloud's push (GCE: a Pub/Sub push
// subscription) carries a token its platform signed for one service account; the route that
// receives it (contract/cloud-event-routes.ts) accepts only that account's tokens, minted for
// this API (its audience). In AWS the verifier reads Google's keys; locally the GCE sandbox's.

/** The pusher a token was verified for. */
export interface CloudPusher {
  /** The service account the push subscription signs as. */
  email: string;
}

export interface CloudPushTokens {
  /** Verifies `Authorization: Bearer <OIDC token>`; throws Unauthorized for anything else. */
  verify(authorizationHeader: string | undefined): Promise<CloudPusher>;
}
