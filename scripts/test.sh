#!/usr/bin/env bash
# Installs what the tests need (idempotently) and runs every test in the solution.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
scripts/setup.sh test
dotnet build ServiceBot.sln -c Release --nologo -clp:ErrorsOnly
dotnet format ServiceBot.sln --verify-no-changes --no-restore -v quiet
dotnet test ServiceBot.sln -c Release --no-build --nologo -- RunConfiguration.TestSessionTimeout=1800000
