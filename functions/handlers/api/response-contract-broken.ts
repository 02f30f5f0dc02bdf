// The error of an answer that breaks its route's contract (a body its schema refuses, a body on a
// 204 route): a bug of ours, logged with the reason and answered as a generic 500.
export class ResponseContractBroken extends Error {
  constructor(
    readonly route: string,
    readonly issues: unknown,
  ) {
    super(`the response of ${route} does not match its schema: ${JSON.stringify(issues).slice(0, 2000)}`);
    this.name = 'ResponseContractBroken';
  }
}
