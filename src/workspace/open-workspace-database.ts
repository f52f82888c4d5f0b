/** The database a Pulse process works in: opened (migrated), its workspace made sure of. */
import { type Database, type DatabaseTarget, openDatabase } from "../../db/client.js";
import { ensureWorkspace } from "./workspace.js";

/** Opens `target` and creates workspace `workspaceId` if it is new; closes it again if that fails. */
export async function openWorkspaceDatabase(
  target: DatabaseTarget,
  workspaceId: string,
): Promise<Database> {
  const db = await openDatabase(target);
  try {
    await ensureWorkspace(db, workspaceId);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
