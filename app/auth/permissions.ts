// The permission matrix: which role may do what. README's table is checked
// against this object by tests/unit/permissions.test.ts.
export const ROLES = ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = {
  "guest:search": ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"],
  "guest:view": ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"],
  "guest:create": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "guest:edit": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "guest:delete": ["ARCHIVIST", "ADMIN"],
  "guest:merge": ["ARCHIVIST", "ADMIN"],
  "stay:add": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "charge:add": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "preference:add": ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"],
  "preference:review": ["ARCHIVIST", "ADMIN"],
  // How often each department's observations are accepted (not the observations themselves).
  "observations:rates": ["MANAGER", "ARCHIVIST", "ADMIN"],
  "specialDate:add": ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"],
  // Complaint and suggestion texts (what the guest said, the handling, the guest's reply): marketing
  // sees only counts and categories (dashboards, monthly report), never the words.
  "complaint:read": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "complaint:add": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "complaint:handle": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "arrivals:view": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "spend:view": ["MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"],
  "idDocument:viewMasked": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "idDocument:viewFull": ["ARCHIVIST", "ADMIN"],
  "recycleBin:manage": ["ARCHIVIST", "ADMIN"],
  "duplicates:review": ["ARCHIVIST", "ADMIN"],
  // Data-quality findings: managers read the queue, archivists and admins fix and accept.
  "quality:view": ["MANAGER", "ARCHIVIST", "ADMIN"],
  "quality:review": ["ARCHIVIST", "ADMIN"],
  "audit:view": ["ARCHIVIST", "ADMIN"],
  // The Overdue board: complaints past their deadlines, VIPs not contacted (names, categories and deadlines; no complaint texts).
  "overdue:view": ["MANAGER", "ARCHIVIST", "ADMIN"],
  "guest:legalHold": ["ARCHIVIST", "ADMIN"],
  "guest:export": ["ARCHIVIST", "ADMIN"],
  "guest:erase": ["ARCHIVIST", "ADMIN"],
  "retention:preview": ["ARCHIVIST", "ADMIN"],
  "retention:manage": ["ADMIN"],
  "jobs:manage": ["ADMIN"],
  "analytics:view": ["MARKETING", "MANAGER", "ADMIN"],
  "analytics:export": ["MARKETING", "MANAGER"],
  "loyalty:reward": ["MARKETING", "MANAGER", "ADMIN"],
  // Record a guest's post-stay survey for a stay, and see a stay's answer (the comment is the guest's words, as complaints are).
  "survey:record": ["FRONT_DESK", "MANAGER", "ARCHIVIST", "ADMIN"],
  "campaigns:manage": ["MARKETING", "ADMIN"],
  "outreach:work": ["FRONT_DESK", "MARKETING", "MANAGER", "ADMIN"],
  "holidays:manage": ["ADMIN"],
  "staff:manage": ["ADMIN"],
  "apiKeys:manage": ["ADMIN"],
  "import:run": ["ARCHIVIST", "ADMIN"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: RoleName, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly RoleName[]).includes(role);
}
