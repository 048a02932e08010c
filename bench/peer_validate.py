#!/usr/bin/env python3
"""The pandas peer of `campaign-batch validate` (issue 24): the script a user would write instead of our job.

Reads the input (CSV, or XLSX through openpyxl), checks each row by the rules of validation/RowValidator that a short
script can hold, groups the valid devices by account, campaign, file and version, and writes a results CSV ordered by
row, one line per device. What it leaves out of our job: the report's exact messages and combined problems, other date
formats than YYYY-MM-DD, time zones, IMEIs split by spaces or dashes, the grouping step's rules across rows
(duplicates, conflicting schedules, overlaps, splitting above 10,000 devices), the job database and its restartability.

    peer_validate.py INPUT REPORT [--account ACC] [--today YYYY-MM-DD]

Prints one line `peer: ...` with the counts and the seconds of each part (read, validate, group, write).
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd

REQUIRED = ["fileName", "fileVersion", "distributionType", "startDate", "endDate"]
OPTIONAL = ["account", "campaignName", "downloadAfterDate", "installAfterDate", "downloadTimeWindows",
            "installTimeWindows"]
DISTRIBUTION_TYPES = {"OMA", "HTTP"}


def read(path):
    if path.lower().endswith(".xlsx"):
        frame = pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    # headers as people write them ("Campaign Name", "IMEI") to the columns' names
    names = {name.lower(): name for name in REQUIRED + OPTIONAL + ["imei"]}
    frame.columns = [names.get(str(column).replace(" ", "").lower(), column) for column in frame.columns]
    frame.insert(0, "row", np.arange(2, len(frame) + 2))
    for column in OPTIONAL:
        if column not in frame:
            frame[column] = ""
    return frame


def windows_valid(text):
    """start-end hours separated by ';', as campaign/TimeWindow takes them: start 0-23, end 1-24, start before end."""
    for pair in text.split(";"):
        start, dash, end = pair.strip().partition("-")
        if not dash or not start.strip().isdigit() or not end.strip().isdigit():
            return False
        if not (int(start) <= 23 and 1 <= int(end) <= 24 and int(start) < int(end)):
            return False
    return True


def luhn_valid(imeis):
    """Whether each 15-digit IMEI ends in the Luhn check digit of the other 14."""
    digits = np.frombuffer("".join(imeis).encode("ascii"), dtype=np.uint8).reshape(-1, 15).astype(np.int16) - 48
    doubled = digits[:, 1:14:2] * 2  # every second digit from the right, the check digit not counted
    total = digits[:, 0:15:2].sum(axis=1) + (doubled - 9 * (doubled > 9)).sum(axis=1)
    return total % 10 == 0


def validate(frame, account, today):
    codes = np.full(len(frame), "", dtype=object)
    errors = np.full(len(frame), "", dtype=object)
    unflagged = np.ones(len(frame), dtype=bool)

    def flag(mask, code, message):
        """The row's first problem wins; a message naming the cell is built for the flagged rows only."""
        new = np.asarray(mask, dtype=bool) & unflagged
        if new.any():
            codes[new] = code
            errors[new] = message if isinstance(message, str) else message(new)
            unflagged[new] = False

    def cell(column):
        return lambda rows: column + " '" + frame[column].to_numpy()[rows] + "'"

    frame["account"] = frame["account"].where(frame["account"] != "", account or "")
    flag(frame["account"] == "", "MISSING_ACCOUNT", "no account")
    for column in REQUIRED:
        flag(frame[column] == "", "MISSING_FIELD", column + " is empty: it is required")
    type_codes, types = pd.factorize(frame["distributionType"])
    flag(~np.isin(types.str.upper(), list(DISTRIBUTION_TYPES))[type_codes], "INVALID_DISTRIBUTION_TYPE",
         lambda rows: cell("distributionType")(rows) + " is not OMA or HTTP")
    dates = {}
    for column in ["startDate", "endDate", "downloadAfterDate", "installAfterDate"]:
        dates[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        flag((frame[column] != "") & dates[column].isna(), "INVALID_DATE",
             lambda rows, column=column: cell(column)(rows) + " is not a date in the format YYYY-MM-DD")
    start, end = dates["startDate"], dates["endDate"]
    flag(start < pd.Timestamp(today), "DATE_IN_PAST", "startDate is before today")
    flag(end < start, "DATE_ORDER", "endDate is before startDate")
    for column in ["downloadAfterDate", "installAfterDate"]:
        flag((dates[column] < start) | (dates[column] > end), "DATE_ORDER", column + " is outside the campaign's dates")
    flag(dates["installAfterDate"] < dates["downloadAfterDate"], "DATE_ORDER",
         "installAfterDate is before downloadAfterDate")
    for column in ["downloadTimeWindows", "installTimeWindows"]:
        # a file holds few distinct window texts: each is checked once (the job parses each distinct date once too)
        codes_of_text, texts = pd.factorize(frame[column])
        valid_text = np.array([text == "" or windows_valid(text) for text in texts], dtype=bool)
        flag(~valid_text[codes_of_text], "INVALID_TIME_WINDOW",
             lambda rows, column=column: cell(column)(rows) + " is not a list of start-end hours")
    frame["errorCode"], frame["errorMessage"] = codes, errors

    # one line per device: a cell may hold several IMEIs separated by ';' or ','; only such cells are split
    several = frame["imei"].str.contains(r"[;,]", regex=True).to_numpy()
    if several.any():
        split = frame[several].assign(imei=frame.loc[several, "imei"].str.split(r"[;,]", regex=True)).explode("imei")
        split["imei"] = split["imei"].str.strip()
        devices = pd.concat([frame[~several], split]).sort_values("row", kind="stable").reset_index(drop=True)
    else:
        devices = frame
    flag_devices = devices["errorCode"] == ""
    empty = flag_devices & (devices["imei"] == "")
    devices.loc[empty, ["errorCode", "errorMessage"]] = ["MISSING_FIELD", "imei is empty"]
    shaped = (devices["imei"].str.len() == 15) & devices["imei"].str.isdigit()
    devices.loc[flag_devices & ~empty & ~shaped, ["errorCode", "errorMessage"]] = [
        "INVALID_IMEI", "IMEI must be exactly 15 digits"]
    candidates = flag_devices & shaped
    luhn = pd.Series(False, index=devices.index)
    if candidates.any():
        luhn[candidates] = luhn_valid(devices.loc[candidates, "imei"].tolist())
    devices.loc[candidates & ~luhn, ["errorCode", "errorMessage"]] = [
        "INVALID_IMEI", "IMEI fails the check digit (Luhn)"]
    devices["status"] = np.where(devices["errorCode"] == "", "VALID", "INVALID")
    return devices


def group(devices):
    key = ["account", "campaignName", "fileName", "fileVersion"]
    valid = devices[devices["status"] == "VALID"]
    campaigns = valid.groupby(key, sort=True).size().rename("campaignDevices").reset_index()
    campaigns["campaign"] = np.arange(1, len(campaigns) + 1)
    return devices.merge(campaigns, on=key, how="left"), len(campaigns)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("report")
    parser.add_argument("--account")
    parser.add_argument("--today", default=pd.Timestamp.utcnow().strftime("%Y-%m-%d"))
    options = parser.parse_args()
    times = [time.monotonic()]
    frame = read(options.input)
    times.append(time.monotonic())
    devices = validate(frame, options.account, options.today)
    times.append(time.monotonic())
    devices, campaigns = group(devices)
    times.append(time.monotonic())
    columns = ["row", "imei", "account", "campaignName", "fileName", "fileVersion", "status", "campaign",
               "campaignDevices", "errorCode", "errorMessage"]
    devices.sort_values("row", kind="stable")[columns].to_csv(options.report, index=False)
    times.append(time.monotonic())
    valid = int((devices["status"] == "VALID").sum())
    parts = ", ".join("%s %.2f s" % (name, times[i + 1] - times[i])
                      for i, name in enumerate(["read", "validate", "group", "write"]))
    print("peer: %d rows, %d devices, %d valid, %d invalid, %d campaigns; %s"
          % (len(frame), len(devices), valid, len(devices) - valid, campaigns, parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
