"""Writes of the review workflow, by sub-domain (import from the module itself):

- `transition`: `transition` (the only place that assigns `Review.state`), `refusal`,
  `require`, `ReviewError`, and the row lock and audit helper the other modules share;
- `assignment`: assigning the assessors (and a third one), declaring a conflict;
- `scoring`: an assessor's scores and their submission, the joint verdict;
- `interview`: planning and recording the toetsgesprek;
- `decision`: the office's decision, a request for additions and the resumption;
- `reports`: making the decision report and auditing its download;
- `reminders`: the daily deadline reminders.
"""
