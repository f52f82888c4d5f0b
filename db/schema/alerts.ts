// Tables of the alerts feature; filled by the issue that owns it.
export {};
