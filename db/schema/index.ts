// Every table Pulse has, one file per concept. drizzle-kit reads this file.

export * from "./alerts.js";
export * from "./answers.js";
export * from "./conversations.js";
export * from "./data.js";
export * from "./imports.js";
export * from "./leases.js";
export * from "./models.js";
export * from "./rollups.js";
export * from "./segments.js";
export * from "./slack.js";
export * from "./surveys.js";
export * from "./sync.js";
