// SecretBox: seals secrets before they are stored and opens them for the drivers.
// The context binds a ciphertext to its owner (account, item) so it cannot be moved.
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(ciphertext: string, context: Record<string, string>): Promise<string>;
}
