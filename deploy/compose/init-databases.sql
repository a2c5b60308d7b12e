-- Each service owns its database (docs/domain.md: no service reads another's tables).
CREATE DATABASE petition;
CREATE DATABASE assignment;
CREATE DATABASE feedback;
CREATE DATABASE notification;
