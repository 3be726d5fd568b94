"""`python -m cli` is `claims`."""

from cli.app import main

if __name__ == "__main__":
    main()
