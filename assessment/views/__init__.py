"""The assessment pages, by who works in them (`assessment.urls` names each view):

- `office`: the queue, a review's page with the office's steps, the audit trail;
- `assessor`: the assessor's reviews, the conflict declaration, the toetsgesprek, documents;
- `scoring`: the scoring page (autosave, submission) and the comparison (joint verdict);
- `candidate`: the candidate's result and the decision report.
"""
