import type { AllowList, McpServerInput, McpServerRecord } from './registry';

/** Who made a change, and when (from the Clock port). */
export interface Change {
  by: string;
  at: Date;
}

/** Allow-lists and the MCP server registry (000#53, 004§4.1–4.3). */
export interface RegistryStore {
  allowLists(scopes: string[]): Promise<AllowList[]>;
  putAllowList(scope: string, list: AllowList, change: Change): Promise<void>;
  mcpServer(id: string): Promise<McpServerRecord | undefined>;
  listMcpServers(): Promise<McpServerRecord[]>;
  /** ConflictError when the id is taken. */
  createMcpServer(id: string, input: McpServerInput, change: Change): Promise<McpServerRecord>;
  /** NotFoundError when absent. */
  updateMcpServer(id: string, input: McpServerInput, change: Change): Promise<McpServerRecord>;
  /** NotFoundError when absent. */
  deleteMcpServer(id: string): Promise<void>;
}
