"""Who may do what: roles, and the one module of access rules
(:mod:`nmi_site.access.rules`) that the admin, the API, the services and
the management commands ask."""
