// Deadlines that alert: the Overdue board (merged into en.ts).
export const deadlinesEn = {
  "nav.overdue": "Overdue",
  "overdue.title": "Overdue",
  "overdue.intro":
    "Complaints past their acknowledge-by or resolve-by, and VIPs not contacted for as long as their level allows. The deadlines job tells the duty manager, then the general manager; each step once.",
  "overdue.allProperties": "All properties",
  "overdue.filter": "Show",
  "overdue.complaints": "{count, plural, =0 {No overdue complaints} one {# overdue complaint} other {# overdue complaints}}",
  "overdue.vips": "{count, plural, =0 {No VIPs waiting for contact} one {# VIP not contacted} other {# VIPs not contacted}}",
  "overdue.guest": "Guest",
  "overdue.complaint": "Complaint",
  "overdue.acknowledgeBy": "Acknowledge by",
  "overdue.resolveBy": "Resolve by",
  "overdue.acknowledgedAt": "acknowledged {when}",
  "overdue.escalated": "Escalated",
  "overdue.notYet": "not yet (at the next run of the deadlines job)",
  "overdue.noOne": "no one on file",
  "overdue.noComplaints": "Every open complaint is within its deadlines.",
  "overdue.noVips": "Every VIP has been contacted within their level's days.",
  "overdue.vipDue": "contact was due {when}",
  "overdue.step.COMPLAINT_ACKNOWLEDGE.1": "Not acknowledged: duty manager told",
  "overdue.step.COMPLAINT_ACKNOWLEDGE.2": "Not acknowledged: general manager told",
  "overdue.step.COMPLAINT_RESOLVE.1": "Not resolved: duty manager told",
  "overdue.step.COMPLAINT_RESOLVE.2": "Still not resolved: general manager told",
  "overdue.step.VIP_NOT_CONTACTED.1": "VIP not contacted: marketing told",
  "overdue.step.VIP_NOT_CONTACTED.2": "VIP not contacted: marketing told",
  "auditEntity.OverdueBoard": "Overdue board",
  "feedback.acknowledgeBy": "Acknowledge by",
  "notification.deadline.escalated.COMPLAINT_ACKNOWLEDGE_1":
    "A complaint about {profileNumber} is past its acknowledge-by: nobody has taken it up yet.",
  "notification.deadline.escalated.COMPLAINT_ACKNOWLEDGE_2": "A complaint about {profileNumber} is still not taken up.",
  "notification.deadline.escalated.COMPLAINT_RESOLVE_1": "A complaint about {profileNumber} is past its resolve-by.",
  "notification.deadline.escalated.COMPLAINT_RESOLVE_2":
    "A complaint about {profileNumber} is still unresolved {hours, plural, one {# hour} other {# hours}} after its resolve-by.",
  "notification.deadline.escalated.VIP_NOT_CONTACTED":
    "VIP {profileNumber} (level {level}) has not been contacted for {days, plural, one {# day} other {# days}}.",
  "overdue.observations":
    "{count, plural, =0 {No observations overdue for review} one {# observation overdue for review} other {# observations overdue for review}}",
  "overdue.reviewDue": "review was due {when}",
  "overdue.toInbox": "to the inbox",
  "overdue.noObservations": "Every observation sent in is within its review days.",
  "overdue.step.OBSERVATION_PENDING.1": "Observation not reviewed: archive centre told",
  "overdue.step.OBSERVATION_PENDING.2": "Observation not reviewed: archive centre told",
  "notification.deadline.escalated.OBSERVATION_PENDING":
    "An observation about {profileNumber} has waited more than {days, plural, one {# day} other {# days}} for review.",
};
