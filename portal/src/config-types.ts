/** What the portal reads at start (`/config.json`), built by the server from the tooling's address book. */

/** Off-chain names the administration publishes beside the chain (entity numbers are on chain). */
export interface PortalDirectory {
  /** Entity number (as a decimal string) → published company or person name. */
  entities: Record<string, { name: string; nameZh: string }>;
  /** Local development chains only: the node's accounts and the roles they play in the seed. */
  accounts: Array<{ address: string; label: string }>;
}

export interface PortalCategory {
  id: number;
  key: string;
  label: string;
  labelZh: string;
}

export interface PortalProgram {
  key: string;
  address: string;
  /** The jurisdiction the address book files it under, and that jurisdiction's registry. */
  jurisdiction: string;
  registry: string;
  title: string;
  titleZh: string;
  categories: PortalCategory[];
}

export interface PortalConfig extends PortalDirectory {
  chainId: string;
  /** JSON-RPC endpoint for reads; "/rpc" is proxied to the node by the portal's server. */
  rpcUrl: string;
  token: { address: string; symbol: string; decimals: number };
  lens: string;
  programs: PortalProgram[];
}
