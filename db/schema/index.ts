// Every table Pulse has, one file per concept. drizzle-kit reads this file.
export * from "./data.js";
