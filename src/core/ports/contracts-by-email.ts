/** Port: contracts whose owner or requester has this e-mail, on any platform (one person on Slack and Teams). */
export interface ContractsByEmail {
  contractIdsInvolvingEmail(email: string): Promise<string[]>;
}
