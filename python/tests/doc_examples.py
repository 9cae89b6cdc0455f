"""The hex of PROTOCOL.md §5's worked examples, copied from the document (each
literal's section is named above it)."""

# §5 "An accept letter" (27 bytes).
ACCEPT = "45 4e 07 10 01 00 03 02 03 00 4d 44 41 03 00 46 41 52 06 00 00 00 03 05 00 00 00"
# §5 "An offer" (30 bytes).
OFFER = "45 4e 07 10 01 00 03 01 03 00 4d 44 42 03 00 4d 44 41 04 00 00 00 02 01 01 03 00 41 47 47"
# §5 "A reject" (33 bytes), and how FRN's no-room reject ends.
REJECT = ("45 4e 07 10 01 00 03 02 03 00 54 55 52 03 00 42 55 4c 15 00 00 00 04 15 00 00 00 06"
          " 03 00 52 55 53")
NO_ROOM_END = "04 15 00 00 00 02 00 00"
# §5 "A commit PhaseStart" (52 bytes), and AGG's, with nothing expected (13 bytes).
COMMIT_START = ("45 4e 07 03 01 00 04 00 03 00 00 00 03 00 46 41 52 01 00 00 00 08 00 00 00"
                " 03 00 4d 44 41 01 00 00 00 08 00 00 00 03 00 4d 44 42 01 00 00 00 08 00 00 00 00")
EMPTY_COMMIT_START = "45 4e 07 03 01 00 04 00 00 00 00 00 00"
# §5 "Reports": the empty observe report (29 bytes) and one with two problems (84).
EMPTY_REPORT = ("45 4e 07 04 01 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                " 00 00")
PROBLEM_REPORT = (
    "45 4e 07 04 13 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02"
    " 00 00 00 03 03 00 46 41 52 14 00 00 00 03 00 41 47 47 0c 03 00 41 47 47 14 00"
    " 00 00 1c 00 72 6f 75 6e 64 20 36 30 30 30 30 2c 20 62 65 79 6f 6e 64 20 74 68"
    " 65 20 6e 65 78 74"
)
# §5 "A Welcome": the last 59 bytes under version 5, to which version 6 appends an
# empty history, and how an honest state's Welcome without a history ends.
WELCOME_TAIL_V5 = (
    "01 00 00 00 03 00 4d 44 42 1d 00 69 70 63 3a 2f 2f 2f 74 6d 70 2f 65 6e 74 65"
    " 6e 74 65 2d 6f 33 75 62 57 38 2f 4d 44 42 00 00 00 00 00 00 d0 3f 01 00 00 00"
    " 00 00 00 00 00 40 00"
)
HONEST_WELCOME_END = "00 00 00 00 00 00 f0 3f 00 00 00 00 00"
# §5 "An Abort", and the head of a Finish.
ABORT = "45 4e 07 06 04 00 73 74 6f 70"
FINISH_HEAD = "45 4e 07 05 40 00"
# §5 "An Abort": a Ready.
READY = "45 4e 07 07"

WHOLE_MESSAGES = (ACCEPT, OFFER, REJECT, COMMIT_START, EMPTY_COMMIT_START, EMPTY_REPORT,
                  PROBLEM_REPORT, ABORT, READY)
LITERALS = (ACCEPT, OFFER, REJECT, NO_ROOM_END, COMMIT_START, EMPTY_COMMIT_START, EMPTY_REPORT,
            PROBLEM_REPORT, WELCOME_TAIL_V5, HONEST_WELCOME_END, ABORT, FINISH_HEAD, READY)
