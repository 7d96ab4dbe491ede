"""Usage and cost, exact and offline: the ledger of every request, its figures, prices, budgets.

Split by concern: ``ledger_schema`` (the tables and the trigger, history schema version 3),
``ledger`` (rows that are not replies: retries, Test connection), ``daycache`` (the ledger summed
per local day), ``records`` (the frozen figures), ``report`` (the one computation behind the
usage view and ``seekdesk usage``), ``prices`` (the user's price table), ``budgets`` and
``context`` (the composer's context meter). Nothing is imported here, so the history schema can
import ``ledger_schema`` without pulling the rest in.
"""
