// Enums and row types of the data model, safe to import in browser code too.
export * from "../../generated/prisma/enums";
export type * from "../../generated/prisma/models";
