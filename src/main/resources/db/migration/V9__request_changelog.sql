-- A promotion request's changelog as it stood when the request opened (JSON of promotion.Changelog), so its
-- message shows the same commits through every edit. Ten subjects of at most 72 characters fit with room to spare.
ALTER TABLE approval_request ADD COLUMN changelog VARCHAR(16384);
