/** What the portal reads at start (`/config.json`), built by the server from the tooling's address book. */

/** Off-chain names the administration publishes beside the chain (entity numbers are on chain). */
export interface PortalDirectory {
  /**
   * Jurisdiction (as the address book names its registry) → entity number (a decimal string) → published
   * company or person name. Entity numbers are per registry, so a name is looked up under the program's
   * own jurisdiction.
   */
  entities: Record<string, Record<string, { name: string; nameZh: string }>>;
  /** Local development chains only: the node's accounts and the roles they play in the seed. */
  accounts: Array<{ address: string; label: string }>;
  /**
   * Texts the administration publishes (milestone descriptions, reasons for rulings and recoveries). The
   * portal shows one only where its keccak256 equals a hash on chain, so a wrong directory cannot put
   * words in the chain's mouth: an unmatched hash is shown as a hash.
   */
  texts?: string[];
}

export interface PortalCategory {
  id: number;
  key: string;
  label: string;
  labelZh: string;
  /** The award condition as the program file states it (its hash is the category's on-chain descriptionHash). */
  condition: string;
  /** The same condition in Chinese (bound in the same hash: core/ids.ts categoryDescription). */
  conditionZh: string;
  /** The article (clause) of the policy text the category implements ("" if the file names none). */
  article: string;
}

export interface PortalProgram {
  key: string;
  address: string;
  /** The jurisdiction the address book files it under, and that jurisdiction's registry. */
  jurisdiction: string;
  registry: string;
  title: string;
  titleZh: string;
  /** The administration and the policy document the program file cites. */
  administration: string;
  source: string;
  /** The block the program was created in: its event history starts there. */
  fromBlock: number;
  /**
   * The program file the address book recorded and the policy text it names, with the keccak256 of each
   * as published on the portal's server ("" when missing there): compared with what the program fixed on
   * chain at creation.
   */
  rules: { file: string; programFileHash: string; policyText: string; policyTextHash: string };
  categories: PortalCategory[];
}

export interface PortalConfig extends PortalDirectory {
  chainId: string;
  /** JSON-RPC endpoint for reads; "/rpc" is proxied to the node by the portal's server. */
  rpcUrl: string;
  token: { address: string; symbol: string; decimals: number };
  lens: string;
  /**
   * The indexer's base URL through the portal's server ("/indexer", proxied to MG_INDEXER_URL), when one
   * is configured: the filtered lists then come from it (portal/src/indexer-lists.ts); absent, every list
   * reads the chain directly.
   */
  indexerUrl?: string;
  programs: PortalProgram[];
}
