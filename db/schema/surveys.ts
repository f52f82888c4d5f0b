// Tables of the surveys feature; filled by the issue that owns it.
export {};
