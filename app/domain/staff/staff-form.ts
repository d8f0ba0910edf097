// The forms of staff administration and of one's own account: the same zod
// rules in the browser and on the server (browser-safe). How guessable a
// password is, is judged on the server only (password-policy.server.ts).
import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { isEmailAddress, optionalId, optionalText, requiredText, unstoredText } from "../forms";
import { textProblem } from "../safe-text";
import { DEPARTMENTS } from "./departments";

export const USERNAME_MAX_LENGTH = 64;

/** The staff list's status filter. */
export const STAFF_STATUSES = ["active", "inactive", "all"] as const;
export type StaffStatusFilter = (typeof STAFF_STATUSES)[number];
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Lower-case letters, digits and . _ - ; 2–64 characters, starting with a letter or digit. */
export const username = requiredText(USERNAME_MAX_LENGTH)
  .transform((v) => v.toLowerCase())
  .refine((v) => /^[a-z0-9][a-z0-9._-]{1,63}$/.test(v), "staff.usernameInvalid");

const role = z.enum(ROLES, { errorMap: () => ({ message: "error.choice" }) });
const department = z.enum(DEPARTMENTS, { errorMap: () => ({ message: "error.choice" }) });
/** Work e-mail for deadline alerts; optional. */
const email = optionalText(120).refine((e) => !e || isEmailAddress(e), "error.email");

export const createStaffSchema = z.object({
  username,
  displayName: requiredText(100),
  role,
  department,
  email,
  propertyId: optionalId,
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = z.object({
  role,
  department,
  email,
  propertyId: optionalId,
});
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

/** The forms on one staff account's page, told apart by `intent`. */
export const staffAccountActionSchema = z.discriminatedUnion("intent", [
  updateStaffSchema.extend({ intent: z.literal("update") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("resetPassword") }),
]);

// Passwords are hashed exactly as typed (no trimming, no normalising); a new
// one may not hold a character its owner could not type again.
const newPassword = unstoredText(PASSWORD_MAX_LENGTH, { tooLong: "password.tooLong" })
  .refine((v) => v.length >= PASSWORD_MIN_LENGTH, "password.tooShort")
  .refine((v) => textProblem(v, { multiline: true }) === null, "error.controlCharacter");

export const changePasswordSchema = z
  .object({
    currentPassword: unstoredText(PASSWORD_MAX_LENGTH, { tooLong: "password.tooLong" }),
    newPassword,
    confirmPassword: unstoredText(PASSWORD_MAX_LENGTH, { tooLong: "password.tooLong" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password.mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "password.same" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** The sign-in form: bounded so that nothing long is ever hashed, counted or stored. */
export const signInSchema = z.object({
  // Control characters are never part of a username (and PostgreSQL text cannot hold NUL).
  username: requiredText(USERNAME_MAX_LENGTH, {
    messages: { required: "login.missing", tooLong: "login.usernameTooLong", unsafe: "login.invalid" },
  }).transform((v) => v.toLowerCase()),
  password: unstoredText(PASSWORD_MAX_LENGTH, { required: "login.missing", tooLong: "login.passwordTooLong" }).refine(
    (v) => v.length > 0,
    "login.missing",
  ),
  redirectTo: unstoredText(2000).optional(),
});
