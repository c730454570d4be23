"""Contracts and sub-contractors (再委託): the signals scoring reads from them
(``signals``), notice deadlines and what falls due (``deadlines``), the reminder digest and
its e-mail (``remind``, ``mail``) and what the pages show of them (``views``)."""
