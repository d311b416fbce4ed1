# The two commands of the README:
#   make demo   installs missing Debian packages, builds and runs the example
#   make test   the same set-up, then the whole suite (the code blocks of
#               README.md and docs/ included: ctest -R docs) with g++ 12 and
#               with clang 19 under ASan+UBSan (etcd tests against a real etcd
#               included), the live<T> race and etcd watch tests under
#               ThreadSanitizer, 60 s of libFuzzer, and an installed-package consumer
#   make bench  the Google Benchmark programs (not part of make test)
BUILD   ?= build
JOBS    ?= 2
FUZZ_SECONDS ?= 60
CMAKE   := cmake -G Ninja -Wno-dev
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TSAN     := -fsanitize=thread -fno-omit-frame-pointer

.PHONY: all deps demo test test-gcc test-clang test-asan test-tsan test-install test-fuzz fuzz bench clean

all: test

deps:
	@bash scripts/ensure-deps.sh

$(BUILD)/gcc/build.ninja: | deps
	$(CMAKE) -S . -B $(BUILD)/gcc -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=g++

# The clang build is also the sanitized one: every test and example runs
# under ASan+UBSan without a third full build (CI's time budget is 25 min).
$(BUILD)/clang/build.ninja: | deps
	$(CMAKE) -S . -B $(BUILD)/clang -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-19 \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE)"

$(BUILD)/tsan/build.ninja: | deps
	$(CMAKE) -S . -B $(BUILD)/tsan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=g++ \
	  -DSTRATA_BUILD_EXAMPLES=OFF -DCMAKE_CXX_FLAGS="$(TSAN)"

$(BUILD)/bench/build.ninja: | deps
	$(CMAKE) -S . -B $(BUILD)/bench -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
	  -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_EXAMPLES=OFF -DSTRATA_BUILD_BENCHMARKS=ON

demo: $(BUILD)/gcc/build.ninja
	cmake --build $(BUILD)/gcc -j$(JOBS) --target http_service musicgen
	./$(BUILD)/gcc/examples/http_service examples/http/configs
	./$(BUILD)/gcc/examples/musicgen/musicgen examples/musicgen/configs

test-gcc: $(BUILD)/gcc/build.ninja
	cmake --build $(BUILD)/gcc -j$(JOBS)
	ctest --test-dir $(BUILD)/gcc --output-on-failure -j$(JOBS)

test-clang: $(BUILD)/clang/build.ninja
	cmake --build $(BUILD)/clang -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(BUILD)/clang --output-on-failure -j$(JOBS)

# The sanitized suite alone (the same build as test-clang).
test-asan: test-clang

# Reader threads racing reloads, and the etcd watch thread racing readers,
# under ThreadSanitizer.
test-tsan: $(BUILD)/tsan/build.ninja
	cmake --build $(BUILD)/tsan -j$(JOBS) --target strata_live_tsan strata_etcd_tests
	TSAN_OPTIONS=halt_on_error=1 ctest --test-dir $(BUILD)/tsan --output-on-failure -R '^(live_tsan|etcd)$$'

# libFuzzer (clang 19, ASan+UBSan) on TOML text, env values and arguments at
# once, from the seed corpus in fuzz/corpus: `make fuzz FUZZ_SECONDS=600`.
fuzz: | deps
	FUZZ_SEED=$${FUZZ_SEED:-$$RANDOM} bash fuzz/run.sh $(FUZZ_SECONDS) $(BUILD)/fuzz

# The same for 60 seconds with a fixed seed and a fresh corpus, so a run is
# repeatable.
test-fuzz: | deps
	FUZZ_FRESH=1 FUZZ_SEED=1 bash fuzz/run.sh 60 $(BUILD)/fuzz-test

# Google Benchmark programs, each printing its ratios against a baseline
# measured in the same run, then compile time with both compilers.
BENCH_PROGRAMS := binding full_load env_only scaling live_get live_reload yaml_load sweep etcd
bench: $(BUILD)/bench/build.ninja
	cmake --build $(BUILD)/bench -j$(JOBS)
	@for p in $(BENCH_PROGRAMS); do \
	  echo "== strata_bench_$$p"; \
	  ./$(BUILD)/bench/benchmarks/strata_bench_$$p --benchmark_repetitions=12 --benchmark_min_time=0.1 \
	    --benchmark_enable_random_interleaving=true \
	    --benchmark_report_aggregates_only=true || exit 1; \
	done
	bash benchmarks/compile_time.sh

# find_package(strata CONFIG COMPONENTS yaml etcd) from an installed tree, as a user would.
test-install: $(BUILD)/gcc/build.ninja
	cmake --install $(BUILD)/gcc --prefix $(CURDIR)/$(BUILD)/prefix >/dev/null
	$(CMAKE) -S tests/install -B $(BUILD)/consumer -DCMAKE_PREFIX_PATH=$(CURDIR)/$(BUILD)/prefix
	cmake --build $(BUILD)/consumer -j$(JOBS)
	./$(BUILD)/consumer/consumer
	./$(BUILD)/consumer/consumer_yaml
	./$(BUILD)/consumer/consumer_etcd

test: test-gcc test-clang test-tsan test-fuzz test-install

clean:
	rm -rf $(BUILD)
