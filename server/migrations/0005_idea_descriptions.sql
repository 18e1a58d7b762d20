-- An idea's full description, beside its short summary.
ALTER TABLE ideas ADD COLUMN description_kk TEXT NOT NULL DEFAULT '';
ALTER TABLE ideas ADD COLUMN description_ru TEXT;
ALTER TABLE ideas ADD COLUMN description_en TEXT;
