# Entry points of the README's Quick start. Each target does its own set-up.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DDCOS_WERROR=ON

.PHONY: setup build demo test bench format clean

setup:
	./scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	./scripts/demo.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	./bench/startup.sh $(BUILD)

format:
	clang-format -i $$(find src tests -name '*.cpp' -o -name '*.hpp')

clean:
	rm -rf $(BUILD)
