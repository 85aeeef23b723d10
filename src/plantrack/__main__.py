from plantrack.cli.app import main

main()
