# The two set-up commands: `make run` (build and serve on 127.0.0.1:7700) and `make test`
# (install the tools the tests need, then run every test). See README.md.
SHELL := /bin/bash

.PHONY: run build test test-deps package bench clean

build:
	dotnet build HoodyKit.sln -c Release --nologo -v quiet

run:
	dotnet run --project src/Daemon -c Release -- $(ARGS)

test-deps:
	bash scripts/install-test-deps.sh

test: test-deps
	bash scripts/test.sh

package:
	bash packaging/build.sh dist

bench:
	bash bench/startup.sh
	bash bench/daemon.sh
	bash bench/terminal.sh
	bash bench/pipe.sh
	bash bench/sqlite.sh

clean:
	rm -rf dist
	dotnet clean HoodyKit.sln --nologo -v quiet
