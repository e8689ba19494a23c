import { type Firestore } from '@google-cloud/firestore';
import { ConflictError, NotFoundError } from '../core/errors/app-errors';
import { AllowListSchema, type AllowList, type McpServerInput, type McpServerRecord } from './registry';
import type { Change, RegistryStore } from './registry-store';
import { fromFirestore, readDocument, queryDocuments } from '../gcp/firestore-documents';

/** Allow-lists in `allow_lists/{scope}`, MCP servers in `mcp_servers/{id}`. */
export class FirestoreRegistryStore implements RegistryStore {
  constructor(private readonly db: Firestore) {}

  async allowLists(scopes: string[]): Promise<AllowList[]> {
    if (scopes.length === 0) return [];
    const snaps = await this.db.getAll(...scopes.map((s) => this.db.collection('allow_lists').doc(s)));
    return snaps.filter((s) => s.exists).map((s) => readDocument(AllowListSchema, s.data(), `allow_lists/${s.id}`));
  }

  async putAllowList(scope: string, list: AllowList, change: Change): Promise<void> {
    await this.db
      .collection('allow_lists')
      .doc(scope)
      .set({ ...list, updatedAt: change.at, updatedBy: change.by });
  }

  async mcpServer(id: string): Promise<McpServerRecord | undefined> {
    const snap = await this.servers().doc(id).get();
    return snap.exists ? (fromFirestore(snap.data()) as McpServerRecord) : undefined;
  }

  async listMcpServers(): Promise<McpServerRecord[]> {
    return queryDocuments<McpServerRecord>(this.servers().orderBy('name').limit(1000));
  }

  async createMcpServer(id: string, input: McpServerInput, change: Change): Promise<McpServerRecord> {
    const record: McpServerRecord = {
      id,
      ...input,
      createdAt: change.at,
      updatedAt: change.at,
      updatedBy: change.by,
    };
    try {
      await this.servers().doc(id).create(record);
    } catch (error) {
      if ((error as { code?: number }).code === 6) throw new ConflictError(`MCP server ${id} already exists.`);
      throw error;
    }
    return record;
  }

  async updateMcpServer(id: string, input: McpServerInput, change: Change): Promise<McpServerRecord> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.servers().doc(id);
      const snap = await tx.get(ref);
      if (!snap.exists) throw new NotFoundError(`No MCP server ${id}.`);
      const record = {
        ...(fromFirestore(snap.data()) as McpServerRecord),
        ...input,
        updatedAt: change.at,
        updatedBy: change.by,
      };
      tx.set(ref, record);
      return record;
    });
  }

  async deleteMcpServer(id: string): Promise<void> {
    try {
      await this.servers().doc(id).delete({ exists: true });
    } catch (error) {
      if ((error as { code?: number }).code === 5) throw new NotFoundError(`No MCP server ${id}.`);
      throw error;
    }
  }

  private servers() {
    return this.db.collection('mcp_servers');
  }
}
