-- Why a moderator rejected an idea, shown to whoever submitted it.
ALTER TABLE ideas ADD COLUMN rejection_reason TEXT;
