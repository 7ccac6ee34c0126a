/** Thrown inside a storage transaction when the command's cancel signal fired: the transaction aborts, nothing is written. */
export class CommitCancelled extends Error {
  constructor() {
    super('The change was cancelled before it was committed.');
    this.name = 'CommitCancelled';
  }
}
