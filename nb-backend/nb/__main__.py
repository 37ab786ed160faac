from nb.cli import main

main()
