-- Each service owns its database (DESIGN.md: no service reads another's tables).
CREATE DATABASE petition;
CREATE DATABASE assignment;
CREATE DATABASE feedback;
