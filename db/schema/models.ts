// Tables of the models feature; filled by the issue that owns it.
export {};
