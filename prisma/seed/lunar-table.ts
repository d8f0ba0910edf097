// The lunar table lives with the calendar (the quality job reads it too).
export { lunarOfDay } from "../../app/domain/calendar/lunar-table";
