# Shortcuts for ./run.sh, which does its own set-up on a fresh machine.
.PHONY: build demo test bench format clean

build demo test bench:
	./run.sh $@

format:
	clang-format -i $$(find src tests -name '*.cpp' -o -name '*.hpp')

clean:
	rm -rf build
